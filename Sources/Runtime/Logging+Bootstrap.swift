import Foundation
public import Logging

/// Logging for the executables: lines on stderr, level from `MAILROBOT_LOG_LEVEL` (default
/// `info`). Only executables call this (swift-log practice); libraries take a `Logger`.
public enum LogSetup {
    public static func bootstrap(defaultLevel: Logger.Level = .info) {
        let level =
            ProcessInfo.processInfo.environment["MAILROBOT_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
            ?? defaultLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
