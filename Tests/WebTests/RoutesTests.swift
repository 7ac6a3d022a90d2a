import Foundation
import Testing

@testable import Web

/// The route table: lookups, and that every link and form of the page templates leads to a route.
@Suite struct RoutesTests {
    private func methods(_ path: String) -> [String]? {
        Route.lookup(path, in: Routes.table).map { $0.1.map(\.method.rawValue) }
    }

    @Test func aLiteralSegmentWinsOverAnArgument() throws {
        let (arguments, routes) = try #require(Route.lookup("/events/new", in: Routes.table))
        #expect(routes.map(\.path) == [.newEvent])
        #expect(arguments == Path.Arguments())
        let (event, _) = try #require(Route.lookup("/events/new_order", in: Routes.table))
        #expect(event.code == "new_order")
    }

    @Test func argumentsAreRecordNumbersAndEventCodes() throws {
        #expect(try #require(Route.lookup("/journal/42/retry", in: Routes.table)).0.id == 42)
        #expect(try #require(Route.lookup("/journal/retry-failed/7", in: Routes.table)).0.id == 7)
        for path in [
            "/profiles/abc/edit", "/profiles/1e3/edit", "/profiles/-1", "/profiles/", "/events/Order", "/events/a.b",
            "/journal/1/2", "/nope", "", "//profiles",
        ] {
            #expect(methods(path) == nil, "\(path) is not an address")
        }
        #expect(methods("/") == ["GET"])
        #expect(methods("/profiles/12") == ["POST"])
        #expect(methods("/profiles/12/delete") == ["GET", "POST"])
    }

    @Test func everyPathHasARouteAndLinksFillTheirArgument() {
        let routed = Set(Routes.table.paths)
        #expect(Path.allCases.filter { !routed.contains($0) } == [])
        #expect(Path.editProfile.link(id: 3) == "/profiles/3/edit")
        #expect(Path.event.link(code: "order_paid", query: [("done", "x y")]) == "/events/order_paid?done=x%20y")
        #expect(Path.home.link() == "/")
    }

    /// `href="/…"` and `<form method=… action="/…">` in every page template, with `{{…id}}` and
    /// `{{…code}}` filled in, must each be a route of the table for the method the browser uses.
    @Test func everyLinkAndFormOfTheTemplatesHasARoute() throws {
        let folder = WebHarness.templates + "/pages"
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for (method, target) in Self.targets(text) {
                let path = Self.sample(target)
                guard !path.hasPrefix("/static/") else { continue }
                #expect(methods(path)?.contains(method) == true, "\(file): \(method) \(target) has no route")
                checked += 1
            }
        }
        #expect(checked > 30)
    }

    /// (method, address without its query) of each link and form.
    private static func targets(_ template: String) -> [(String, String)] {
        var found: [(String, String)] = []
        for part in template.components(separatedBy: "href=\"/").dropFirst() {
            found.append(("GET", "/" + part.prefix { $0 != "\"" && $0 != "?" }))
        }
        for part in template.components(separatedBy: "<form ").dropFirst() {
            let tag = part.prefix { $0 != ">" }
            guard let action = tag.range(of: "action=\"/") else { continue }
            let method = tag.contains("method=\"post\"") ? "POST" : "GET"
            found.append((method, "/" + tag[action.upperBound...].prefix { $0 != "\"" && $0 != "?" }))
        }
        return found
    }

    /// `{{x.id}}` → 1, `{{x.code}}` → order_paid.
    private static func sample(_ target: String) -> String {
        var path = ""
        var rest = Substring(target)
        while let open = rest.range(of: "{{") {
            path += rest[..<open.lowerBound]
            let close = rest[open.upperBound...].range(of: "}}")?.lowerBound ?? rest.endIndex
            path += rest[open.upperBound..<close].hasSuffix("code") ? "order_paid" : "1"
            rest = rest[(close == rest.endIndex ? close : rest.index(close, offsetBy: 2))...]
        }
        return path + rest
    }
}
