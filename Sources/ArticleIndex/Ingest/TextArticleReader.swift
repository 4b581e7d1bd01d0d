import Foundation
import VietnameseText

/// Reads one `.txt` article in the layout of the seed: a title line, then paragraphs separated
/// by blank lines (or, with no blank line, one paragraph per line), then site chrome.
///
/// Accepts UTF-8 with or without a BOM, UTF-16 LE or BE with a BOM (and, by its zero bytes,
/// without one), and LF, CRLF or CR line ends.
public enum TextArticleReader {
    /// How to treat pre-Unicode encodings: detect them (`auto`), never convert, or force one.
    public enum Encoding: Sendable, Equatable {
        case auto, unicode
        case legacy(LegacyEncoding)
    }

    static func read(path: String, encoding: Encoding = .auto) -> Result<(Article, LegacyEncoding?), Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.isReadableFile(atPath: path) ? "cannot read the file" : "permission denied"
            return .failure(Diagnostic(file: path, message: reason))
        }
        let bytes = [UInt8](data)
        var converted: LegacyEncoding?
        let text: String
        switch (decode(bytes), encoding) {
        case (.success(let unicode), .unicode):
            text = unicode
        case (.success(let unicode), .legacy(let forced)):
            // Already read as Unicode text: its characters stand for the legacy bytes.
            (text, converted) = (forced.convert(unicode), forced)
        case (.success(let unicode), .auto):
            converted = LegacyEncoding.detect(in: unicode)
            text = converted.map { $0.convert(unicode) } ?? unicode
        case (.failure(let problem), _):
            // Not UTF-8: raw legacy bytes, read one to one, when detection (or --encoding) says so.
            let latin1 = LegacyEncoding.latin1(bytes)
            switch encoding {
            case .legacy(let forced): converted = forced
            case .auto where !bytes.contains(0): converted = LegacyEncoding.detect(in: latin1)
            default: converted = nil
            }
            guard let legacy = converted else { return .failure(Diagnostic(file: path, line: problem.line, message: problem.message)) }
            text = legacy.convert(latin1)
        }
        guard let article = parse(text, key: path, origin: path) else {
            return .failure(Diagnostic(file: path, message: "empty file: no title or paragraph"))
        }
        return .success((article, converted))
    }

    struct DecodeProblem: Error { var line: Int?; var message: String }

    static func decode(_ bytes: [UInt8]) -> Result<String, DecodeProblem> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return validateUTF8(Array(bytes.dropFirst(3))) }
        if bytes.starts(with: [0xFF, 0xFE]) { return .success(utf16(bytes.dropFirst(2), littleEndian: true)) }
        if bytes.starts(with: [0xFE, 0xFF]) { return .success(utf16(bytes.dropFirst(2), littleEndian: false)) }
        if let zero = bytes.firstIndex(of: 0) {
            // UTF-16 without a BOM shows as zero bytes in every other place.
            let sample = bytes.prefix(4096)
            let evenZeros = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
            let oddZeros = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
            let half = sample.count / 2
            if bytes.count % 2 == 0 && half > 0 {
                if oddZeros * 10 > half * 4 && evenZeros * 10 < half { return .success(utf16(bytes[...], littleEndian: true)) }
                if evenZeros * 10 > half * 4 && oddZeros * 10 < half { return .success(utf16(bytes[...], littleEndian: false)) }
            }
            return .failure(DecodeProblem(line: line(of: zero, in: bytes), message: "binary file: NUL byte"))
        }
        return validateUTF8(bytes)
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    static func validateUTF8(_ bytes: [UInt8]) -> Result<String, DecodeProblem> {
        if let text = String(validating: bytes, as: UTF8.self) {
            if let zero = bytes.firstIndex(of: 0) {
                return .failure(DecodeProblem(line: line(of: zero, in: bytes), message: "binary file: NUL byte"))
            }
            return .success(text)
        }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return .failure(DecodeProblem(line: nil, message: "invalid UTF-8"))
            case .error:
                return .failure(DecodeProblem(line: line(of: offset, in: bytes),
                                              message: "invalid UTF-8; convert the file to UTF-8 or UTF-16"))
            }
        }
    }

    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Splits decoded text into title and paragraphs; nil when there is nothing but blank lines.
    static func parse(_ text: String, key: String, origin: String) -> Article? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { HTMLEntities.decoded(String($0)).trimmedSpaces }
        guard let titleIndex = lines.firstIndex(where: { !$0.isEmpty }) else { return nil }
        let body = lines[(titleIndex + 1)...]
        let hasBlankLines = body.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.contains { $0.isEmpty }
        var paragraphs: [String] = []
        if hasBlankLines {
            var block: [String] = []
            for line in body {
                if line.isEmpty {
                    if !block.isEmpty { paragraphs.append(block.joined(separator: "\n")); block = [] }
                } else {
                    block.append(line)
                }
            }
            if !block.isEmpty { paragraphs.append(block.joined(separator: "\n")) }
        } else {
            paragraphs = body.filter { !$0.isEmpty }
        }
        return Article(key: key, title: lines[titleIndex], paragraphs: SiteChrome.trimmed(paragraphs),
                       source: key, origin: origin)
    }
}
