/// The pieces compiled templates are made of: fixed bytes, a value between fixed bytes, steps in
/// order, and Mustache's indentation of a standalone partial.
extension PageCompiler {
    /// The steps one after another, as a balanced tree of pairs: calling a closure the step holds
    /// costs less than walking an array of them (which retains each).
    static func sequence(_ steps: ArraySlice<RenderStep>) -> RenderStep {
        switch steps.count {
        case 0: return { _ in }
        case 1: return steps[steps.startIndex]
        default:
            let middle = steps.startIndex + steps.count / 2
            let first = sequence(steps[..<middle])
            let second = sequence(steps[middle...])
            return { writer in
                first(&writer)
                second(&writer)
            }
        }
    }

    static func literal(_ bytes: [UInt8]) -> RenderStep {
        { writer in writer.append(bytes) }
    }

    /// A value written by `write` between the fixed bytes `before` and `after`.
    static func between(
        _ before: [UInt8],
        _ write: @escaping @Sendable (inout PageWriter) -> Void,
        _ after: [UInt8]
    ) -> RenderStep {
        switch (before.isEmpty, after.isEmpty) {
        case (true, true):
            return write
        case (false, true):
            return { writer in
                writer.append(before)
                write(&writer)
            }
        case (true, false):
            return { writer in
                write(&writer)
                writer.append(after)
            }
        case (false, false):
            return { writer in
                writer.append(before)
                write(&writer)
                writer.append(after)
            }
        }
    }

    /// `step` after the fixed bytes `text`.
    static func prefixed(_ text: [UInt8], _ step: @escaping RenderStep) -> RenderStep {
        { writer in
            writer.append(text)
            step(&writer)
        }
    }

    /// Mustache's indentation of a standalone partial: each piece that starts a new line of this
    /// part's output (not its first line, which carries the tag's own indentation) is indented.
    static func indenting(_ steps: [RenderStep], by indentation: [UInt8]) -> RenderStep {
        { writer in
            let start = writer.count
            for step in steps {
                let before = writer.count
                step(&writer)
                if writer.count > before, before > start, writer.byte(at: before - 1) == UInt8(ascii: "\n") {
                    writer.insert(indentation, at: before)
                }
            }
        }
    }
}
