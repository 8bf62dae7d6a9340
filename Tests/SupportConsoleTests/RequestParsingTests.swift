import Testing

@testable import SupportConsole

/// What comes from a request's headers and query string: the language, the page, a path to go back to.
@Suite struct RequestParsingTests {
    @Test func languageFollowsAcceptLanguage() {
        #expect(UILanguage.negotiate("pt-BR,pt;q=0.9,en;q=0.8") == .portuguese)
        #expect(UILanguage.negotiate("en-US,en;q=0.9,pt;q=0.5") == .english)
        #expect(UILanguage.negotiate("fr-FR, pt;q=0.4, en;q=0.3") == .portuguese)
        #expect(UILanguage.negotiate("de, fr") == .english)
        #expect(UILanguage.negotiate("pt;q=0, en") == .english)
        #expect(UILanguage.negotiate(nil) == .english)
        #expect(UILanguage.negotiate("*") == .english)
        #expect(UILanguage.negotiate(String(repeating: "pt,", count: 1000)) == .english, "an absurd header is ignored")
    }

    @Test func pagesAreBounded() {
        #expect(Pagination(requested: nil, total: 0, size: 20) == Pagination(requested: "1", total: 0, size: 20))
        #expect(Pagination(requested: "abc", total: 100, size: 20).number == 1)
        #expect(Pagination(requested: "-3", total: 100, size: 20).number == 1)
        #expect(Pagination(requested: "3", total: 100, size: 20).offset == 40)
        #expect(Pagination(requested: "999999999999999999999", total: 100, size: 20).number == 5)
        #expect(Pagination(requested: "6", total: 100, size: 20).number == 5)
        let deep = Pagination(requested: "100000", total: 5_000_000, size: 20)
        #expect(deep.offset <= Pagination.maximumOffset)
        let links = Pagination(requested: "2", total: 45, size: 20).links("/search?q=1")
        #expect(links.previous == "/search?q=1&page=1")
        #expect(links.next == "/search?q=1&page=3")
        #expect(Pagination(requested: "1", total: 5, size: 20).links("/").several == false)
    }

    @Test func returnPathsStayInTheConsole() {
        #expect(Paths.local("/?page=2") == "/?page=2")
        #expect(Paths.local("/conversations/754893") == "/conversations/754893")
        #expect(Paths.local("//evil.example/") == "/")
        #expect(Paths.local("https://evil.example/") == "/")
        #expect(Paths.local("/\\evil.example") == "/")
        #expect(Paths.local("/a\r\nSet-Cookie: x=1") == "/")
        #expect(Paths.local(nil, fallback: "/overview") == "/overview")
        #expect(Paths.conversation("a b/c") == "/conversations/a%20b%2Fc")
    }

    @Test func formsAreParsedAndBounded() {
        let form = Form(encoded: "csrf=a%2Bb&name=two+words&name=second&empty=&flag")
        #expect(form["csrf"] == "a+b")
        #expect(form["name"] == "two words", "the first of a repeated name")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        let many = Form(encoded: (0..<100).map { "f\($0)=1" }.joined(separator: "&"))
        #expect(many["f31"] == "1")
        #expect(many["f32"] == nil)
    }
}
