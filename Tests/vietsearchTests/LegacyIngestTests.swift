import Foundation
import TestSupport
import Testing

@Suite struct LegacyIngestTests {
    @Test func legacyFilesAreConvertedAndReported() throws {
        let tmp = TemporaryFolder()
        let dir = tmp.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // TCVN3 as raw bytes (not UTF-8): «=0xAB ô, ®=0xAE đ, ä=0xE4 ọ, µ=0xB5 à, Ö=0xD6 ệ.
        let tcvn3 = "Bµi TCVN3\n\nT«i ®i häc vµ lµm viÖc ë Hµ Néi.\n".unicodeScalars.map { UInt8($0.value) }
        FileManager.default.createFile(atPath: dir.appendingPathComponent("tcvn3.txt").path, contents: Data(tcvn3))
        // VNI already mis-decoded into UTF-8 text.
        try "Baøi VNI\n\nToâi ñi hoïc vaø laøm vieäc ôû Haø Noäi.\n".write(to: dir.appendingPathComponent("vni.txt"), atomically: true, encoding: .utf8)
        try "Ba`i VIQR\n\nTo^i ddi ho.c va` la`m vie^.c o+? Ha` No^.i.\n".write(to: dir.appendingPathComponent("viqr.txt"), atomically: true, encoding: .utf8)
        try "Bài Unicode\n\nTôi đi học và làm việc ở Hà Nội.\n".write(to: dir.appendingPathComponent("unicode.txt"), atomically: true, encoding: .utf8)
        let db = tmp.path("x.sqlite")
        let r = try CLI.run(["index", dir.path, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("tcvn3.txt: converted from TCVN3 (ABC)"))
        #expect(r.stderr.contains("vni.txt: converted from VNI-Windows"))
        #expect(r.stderr.contains("viqr.txt: converted from VIQR"))
        #expect(!r.stderr.contains("unicode.txt: converted"))
        #expect(r.stderr.contains("3 converted from legacy encodings"))
        let found = try CLI.run(["search", "\"tôi đi học\"", "--strict", "--db", db, "--format", "json"]).json
        #expect(found["total"] as? Int == 4, "every file, converted, holds the exact phrase")
        for result in found["results"] as! [[String: Any]] {
            let text = result["text"] as! String
            #expect(text == "Tôi đi học và làm việc ở Hà Nội.", "stored text is the converted Unicode")
            let scalars = Array(text.unicodeScalars)
            let words = (result["highlights"] as! [[Int]]).map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) }
            #expect(words == ["Tôi", "đi", "học"], "offsets point into the converted text")
        }
        // --encoding unicode keeps the mis-decoded text as it is.
        let raw = try CLI.run(["index", dir.appendingPathComponent("vni.txt").path, "--db", tmp.path("y.sqlite"), "--encoding", "unicode"])
        #expect(!raw.stderr.contains("converted"))
        #expect(try CLI.run(["index", dir.path, "--db", tmp.path("z.sqlite"), "--encoding", "latin9"]).status != 0)
    }
}
