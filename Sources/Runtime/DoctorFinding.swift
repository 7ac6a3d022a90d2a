/// The outcome of one check of `mailrobot-admin doctor`.
public struct DoctorFinding: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        /// What was found, in a few words.
        case passed(String)
        /// What is wrong, and the one line that cures it.
        case failed(problem: String, cure: String)
    }

    /// What was checked: "data folder", "cron file" …
    public let check: String
    public let verdict: Verdict

    public static func passed(_ check: String, _ found: String) -> DoctorFinding {
        DoctorFinding(check: check, verdict: .passed(found))
    }

    public static func failed(_ check: String, _ problem: String, cure: String) -> DoctorFinding {
        DoctorFinding(check: check, verdict: .failed(problem: problem, cure: cure))
    }

    public var passed: Bool {
        if case .passed = verdict { return true }
        return false
    }

    /// As printed: `ok    check: found`, or `FAIL  check: problem` and `      cure: …` below it.
    public var text: String {
        switch verdict {
        case .passed(let found): "ok    \(check): \(found)"
        case .failed(let problem, let cure): "FAIL  \(check): \(problem)\n      cure: \(cure)"
        }
    }
}
