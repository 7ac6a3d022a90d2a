// swift-tools-version: 6.2
//
// mailrobot: the shop's e-mail robot. Two executables over one library stack;
// every C library is sealed inside one wrapper module (see STYLE.md, "The house").

import PackageDescription

/// Settings shared by every Swift target of ours: Swift 6 mode, no public API that leaks an
/// imported module by accident, and warnings that fail the build.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "mailrobot",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mailrobot-admin", targets: ["mailrobot-admin"]),
        .executable(name: "mailrobot-send", targets: ["mailrobot-send"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // C libraries from Debian, one system-library target each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        // libcurl's headers only: CCurlShim opens the library when the first letter is due.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // glibc's resolver (libc6-dev): no pkg-config file, so the module map links "resolv" itself.
        .systemLibrary(name: "CResolv"),
        // curl_easy_setopt/getinfo are variadic macros Swift cannot call: typed setters; and
        // libcurl itself, opened with dlopen when the first letter is due.
        .target(name: "CCurlShim", dependencies: ["CCurl"]),

        // Pure Swift rooms.
        .target(name: "MailCore", swiftSettings: strict),
        .target(
            name: "HTTPCore",
            dependencies: [.product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: strict
        ),
        .target(
            name: "Secrets",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Templating",
            dependencies: ["MailCore", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),

        // Wrappers of C libraries.
        .target(name: "Storage", dependencies: ["CSQLite", "MailCore"], swiftSettings: strict),
        .target(name: "XLSX", dependencies: ["CXLSXWriter"], swiftSettings: strict),
        .target(name: "SMTP", dependencies: ["CCurlShim", "MailCore"], swiftSettings: strict),
        .target(name: "DNS", dependencies: ["CResolv", "MailCore"], swiftSettings: strict),
        .target(
            name: "FastCGI",
            dependencies: ["CFastCGI", "HTTPCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // The application.
        .target(
            name: "Web",
            dependencies: [
                "HTTPCore", "Templating", "Storage", "XLSX", "Secrets", "MailCore", "Sender",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Sender",
            dependencies: [
                "Storage", "Templating", "MailCore", "Secrets", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Runtime",
            dependencies: [
                "Storage", "Secrets", "MailCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mailrobot-admin",
            dependencies: [
                "Runtime", "Web", "FastCGI", "SMTP", "DNS", "Templating", "Storage", "Secrets", "MailCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mailrobot-send",
            dependencies: [
                "Runtime", "Sender", "SMTP", "DNS", "Storage", "MailCore", "Secrets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Tests.
        .target(
            name: "MailTestSupport",
            dependencies: ["MailCore", "Storage", "Secrets", "Sender", "HTTPCore"],
            swiftSettings: strict
        ),
        .testTarget(name: "MailCoreTests", dependencies: ["MailCore", "MailTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "SecretsTests",
            dependencies: ["Secrets", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "MailCore", "MailTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WebTests",
            dependencies: ["Web", "HTTPCore", "Storage", "Secrets", "MailCore", "MailTestSupport"],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TemplatingTests",
            dependencies: [
                "Templating", "MailCore", "MailTestSupport", .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX", "MailTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "SenderTests",
            dependencies: [
                "Sender", "Storage", "MailCore", "Secrets", "MailTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "SMTPTests", dependencies: ["SMTP", "MailCore", "MailTestSupport"], swiftSettings: strict),
        .testTarget(name: "DNSTests", dependencies: ["DNS", "MailCore", "MailTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "RuntimeTests",
            dependencies: [
                "Runtime", "MailTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FastCGITests",
            dependencies: ["FastCGI", "HTTPCore", "MailTestSupport"],
            swiftSettings: strict
        ),
    ]
)
