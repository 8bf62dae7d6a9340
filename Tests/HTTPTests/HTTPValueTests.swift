import HTTP
import Testing

@Suite("HTTP values: headers and requests")
struct HTTPValueTests {
    @Test func headerLookupIgnoresCase() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "x-id": "1"]
        headers.add(name: "X-Id", value: "2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers.values(for: "X-ID") == ["1", "2"])
        headers.replaceOrAdd(name: "x-id", value: "3")
        #expect(headers.values(for: "x-id") == ["3"])
    }

    @Test func descriptionsNeverShowCredentials() {
        let headers: HTTPHeaders = ["Authorization": "secret-token", "accept": "application/json"]
        #expect(!headers.description.contains("secret-token"))
        #expect(headers.description.contains("application/json"))
        let request = HTTPRequest(url: "http://u:pw@host/p?key=secret-key", headers: headers)
        #expect(!request.description.contains("secret"))
        #expect(!request.description.contains("pw"))
        #expect(request.description.contains("http://host/p"))
    }
}
