import Foundation

/// One step of the postfix program that says whether a row holds the query as typed: the query's
/// AND and OR over its terms, each term true where the row holds it in exact form (a term without
/// an exact form, such as a prefix or a joined abbreviation, where the row holds it at all).
/// Exclusions are not in it: they drop rows before.
enum ExactOp: Equatable {
    case term(Int)
    case all(Int)
    case any(Int)

    /// True when `program` leaves one value and names only terms below `terms`.
    static func isValid(_ program: [ExactOp], terms: Int) -> Bool {
        var depth = 0
        for op in program {
            switch op {
            case .term(let k): guard k >= 0 && k < terms else { return false }; depth += 1
            case .all(let n), .any(let n): guard n >= 1 && n <= depth else { return false }; depth -= n - 1
            }
        }
        return program.isEmpty || depth == 1
    }

    /// The terms every row satisfying `program` must hold: those of an AND's parts, and those
    /// every part of an OR requires. Empty for an empty or invalid program.
    static func required(_ program: [ExactOp]) -> Set<Int> {
        var stack: [Set<Int>] = []
        for op in program {
            switch op {
            case .term(let k): stack.append([k])
            case .all(let n), .any(let n):
                guard n >= 1, n <= stack.count else { return [] }
                let parts = stack.suffix(n)
                stack.removeLast(n)
                if case .all = op {
                    stack.append(parts.reduce(into: Set<Int>()) { $0.formUnion($1) })
                } else {
                    stack.append(parts.dropFirst().reduce(parts.first!) { $0.intersection($1) })
                }
            }
        }
        return stack.count == 1 ? stack[0] : []
    }

    /// Runs `program` on `stack` (room for `program.count` values); `holds(k)` says whether the
    /// row holds term k as typed.
    @inline(__always)
    static func run(_ program: UnsafeBufferPointer<ExactOp>, stack: UnsafeMutablePointer<Bool>, _ holds: (Int) -> Bool) -> Bool {
        var top = 0
        for op in program {
            switch op {
            case .term(let k):
                stack[top] = holds(k); top += 1
            case .all(let n):
                var value = true
                for i in (top - n)..<top where !stack[i] { value = false }
                top -= n; stack[top] = value; top += 1
            case .any(let n):
                var value = false
                for i in (top - n)..<top where stack[i] { value = true }
                top -= n; stack[top] = value; top += 1
            }
        }
        return top > 0 && stack[top - 1]
    }
}
