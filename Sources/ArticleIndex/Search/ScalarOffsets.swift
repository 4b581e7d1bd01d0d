/// Converts UTF-8 byte offsets of a string into Unicode scalar offsets.
enum ScalarOffsets {
    static func convert(_ ranges: [Range<Int>], in text: String) -> [[Int]] {
        var result: [[Int]] = []
        var scalarIndex = 0, byteIndex = 0
        var targets = ranges.flatMap { [$0.lowerBound, $0.upperBound] }.enumerated().sorted { $0.element < $1.element }
        var mapped = Array(repeating: 0, count: targets.count)
        var t = 0
        for scalar in text.unicodeScalars {
            while t < targets.count && targets[t].element <= byteIndex { mapped[targets[t].offset] = scalarIndex; t += 1 }
            byteIndex += UTF8.width(scalar)
            scalarIndex += 1
        }
        while t < targets.count { mapped[targets[t].offset] = scalarIndex; t += 1 }
        targets.removeAll()
        for i in stride(from: 0, to: mapped.count, by: 2) { result.append([mapped[i], mapped[i + 1]]) }
        return result
    }
}
