import Foundation
import Testing

@testable import AutoResponderService

/// The pure parts of ``UpstreamAPI``'s mapping: the metric class of a status and `Retry-After`.
@Suite struct UpstreamStatusMappingTests {
    @Test(arguments: [
        (200, false, nil), (204, false, nil), (299, true, nil),
        (404, true, nil), (410, true, nil), (422, true, nil),
        (404, false, "4xx"), (410, false, "4xx"), (422, false, "4xx"),
        (400, true, "4xx"), (401, false, "4xx"), (403, true, "4xx"), (408, false, "4xx"), (499, false, "4xx"),
        (429, false, "429"), (429, true, "429"),
        (500, false, "5xx"), (502, true, "5xx"), (503, false, "5xx"), (599, false, "5xx"),
    ] as [(Int, Bool, String?)])
    func errorClassOfAStatus(_ status: Int, notFoundIsNil: Bool, expected: String?) {
        #expect(UpstreamAPI.errorClass(of: status, notFoundIsNil: notFoundIsNil) == expected)
    }

    @Test(arguments: [
        ("120", Duration.seconds(120)), (" 2.5 ", .milliseconds(2500)), ("0", .zero), ("0.001", .milliseconds(1)),
        ("3600", .seconds(3600)), ("7200", .seconds(3600)), ("1e9", .seconds(3600)),
    ] as [(String, Duration)])
    func retryAfterInSecondsCappedAtAnHour(_ header: String, expected: Duration) {
        #expect(UpstreamAPI.retryAfter(header) == expected)
    }

    @Test(arguments: [nil, "", "  ", "-1", "soon", "Wed, 21 Oct 2015 07:28:00 GMT", "inf", "nan", "12s"] as [String?])
    func retryAfterThatIsNotAPlainNumberOfSecondsIsIgnored(_ header: String?) {
        #expect(UpstreamAPI.retryAfter(header) == nil)
    }
}
