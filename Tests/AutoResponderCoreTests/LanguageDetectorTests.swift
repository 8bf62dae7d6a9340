import Testing

@testable import AutoResponderCore

@Suite struct LanguageDetectorTests {
    let detector: LanguageDetector

    init() throws {
        detector = LanguageDetector(configuration: try loadLanguages())
    }

    @Test(arguments: [
        "olá, meu dinheiro ainda não caiu na minha conta",
        "ola, meu dinheiro ainda nao caiu na minha conta",
        "cadê minha máquina?",
        "Bom dia! Minha maquininha está sem sinal",
        "OBRIGADO, MAS AINDA NÃO CHEGOU",
    ])
    func portugueseWithOrWithoutAccents(_ text: String) {
        #expect(detector.detect([text]) == .portuguese)
    }

    @Test(arguments: [
        "hello, my money hasn't landed in my bank account yet",
        "where is my credit card machine? it hasn't arrived yet, the delivery is already late",
        "Good Morning! I bought the infinitepay machine and forgot the address",
    ])
    func english(_ text: String) {
        #expect(detector.detect([text]) == .english)
    }

    @Test func noSignalOrATieGivesTheDefault() {
        #expect(detector.detect([]) == .english)
        #expect(detector.detect(["???", "123"]) == .english)
        #expect(detector.detect(["olá my"]) == .english)
    }

    @Test func allTheClientsMessagesCount() {
        #expect(detector.detect(["ok", "meu chip não conecta, já reiniciei"]) == .portuguese)
    }

    @Test func theConfigurationIsValidated() {
        #expect(throws: ConfigurationError.self) {
            try LanguageConfiguration.parse(yaml: "default: fr\nlanguages: [{code: en}]")
        }
        #expect(throws: ConfigurationError.self) {
            try LanguageConfiguration.parse(yaml: "default: en\nlanguages: [{code: en}, {code: en}]")
        }
    }
}

@Suite struct LanguageDetectorSignalTests {
    @Test func noMarkerIsNoLanguage() throws {
        let detector = LanguageDetector(configuration: try loadLanguages())
        #expect(detector.detectIfAny(["??", "123"]) == nil)
        #expect(detector.detectIfAny(["obrigado"]) == .portuguese)
    }
}
