extension Vocabulary {
    /// The five labels of the real classifier.
    static let lateDelivery = "late delivery"
    static let deliveryForecast = "delivery forecast"
    static let checkDeliveryAddress = "check delivery address"
    static let connectionProblem = "connection problem"
    static let receiptProblem = "bank account receipt problem"
    static let logisticsLabels = [lateDelivery, deliveryForecast, checkDeliveryAddress]
    static let allLabels = [receiptProblem, connectionProblem, lateDelivery, checkDeliveryAddress, deliveryForecast]

    /// Other phrasings of the right label, by intent.
    static let phrasings: [ConversationTruth.Intent: [String]] = [
        .logistics: ["delivery status", "where is my order", "shipping delay", "entrega atrasada", "previsão de entrega",
            "Late Delivery", "DELIVERY FORECAST", "delivery"],
        .telecom: ["chip offline", "no connection", "machine without internet", "sem conexão", "Connection Problem",
            "connectivity issue"],
        .receipt: ["payment not received", "missing transfer", "repasse não caiu", "bank transfer problem",
            "Bank Account Receipt Problem", "settlement"],
    ]
    /// Labels nobody listed.
    static let unlisted = ["other", "general inquiry", "account", "customer support", "N/A", "unknown", "outros", "misc"]

    /// Client messages by topic and language.
    static let messages: [String: [String: [String]]] = [
        lateDelivery: [
            "en": ["where is my credit card machine? it hasn't arrived yet, the delivery is already late",
                "I bought a machine two weeks ago and it still hasn't arrived. The deadline has passed",
                "my order is late, nobody delivered anything", "The delivery of my card machine is overdue. What happened?",
                "it's been days past the promised date and no machine"],
            "pt-BR": ["cadê minha maquininha? ainda não chegou e a entrega já está atrasada",
                "comprei a maquininha faz duas semanas e até agora nada, o prazo já passou",
                "minha entrega está atrasada, ninguém apareceu aqui", "o prazo de entrega da minha máquina venceu e ela não chegou"],
        ],
        deliveryForecast: [
            "en": ["when will my machine be delivered?", "I'd like to know the delivery date of my card machine",
                "what day is the delivery planned? I need someone home to receive it",
                "Any forecast for my order to arrive?"],
            "pt-BR": ["quando minha maquininha vai ser entregue?", "qual a previsão de entrega da minha máquina?",
                "que dia vocês vão entregar? preciso deixar alguém em casa pra receber", "tem previsão de chegada do meu pedido?"],
        ],
        checkDeliveryAddress: [
            "en": ["can you tell me which address my machine will be delivered to?",
                "I think I typed the wrong address when I bought the machine, where is it going?",
                "Please confirm the delivery address of my order", "I moved recently, which address did I give for the delivery?"],
            "pt-BR": ["pra qual endereço vai ser entregue minha maquininha?",
                "acho que coloquei o endereço errado na compra, pode confirmar o endereço de entrega?",
                "qual endereço ficou cadastrado pra entrega?", "me mudei, em qual endereço vão entregar a máquina?"],
        ],
        connectionProblem: [
            "en": ["my machine says no connection, the chip doesn't work",
                "my chip is not connected to the internet. I've already tested my wifi and it's ok, the problem is the chip",
                "the card machine shows 'no signal' all day", "I can't take payments, the machine is offline",
                "the chip in my machine stopped working yesterday"],
            "pt-BR": ["minha maquininha está sem conexão, o chip não funciona",
                "o chip não conecta na internet, já testei o wifi e está ok", "a máquina fica mostrando 'sem sinal' o dia todo",
                "não consigo passar vendas, a máquina está offline", "o chip da minha maquininha parou de funcionar ontem"],
        ],
        receiptProblem: [
            "en": ["hello, my money hasn't landed in my bank account yet. I want to know what happened",
                "I didn't receive yesterday's sales in my account", "the transfer of my sales hasn't arrived",
                "the amount that reached my account is lower than what I sold yesterday",
                "why didn't I get paid for yesterday's sales?"],
            "pt-BR": ["olá, o dinheiro ainda não caiu na minha conta. quero saber o que aconteceu",
                "não recebi as vendas de ontem na minha conta", "o repasse das minhas vendas não caiu",
                "o valor que caiu na conta é menor do que vendi ontem", "por que não recebi o dinheiro das vendas de ontem?"],
        ],
    ]

    /// Requests no resolver handles: topic, English text, Portuguese text.
    static let unknownRequests: [(String, String, String)] = [
        ("password change", "how do I change the password of my account?", "como troco a senha da minha conta?"),
        ("account cancellation", "I want to cancel my account", "quero cancelar minha conta"),
        ("second machine", "can I buy a second machine with a different color?", "posso comprar uma segunda maquininha?"),
        ("refund", "how do I refund a customer?", "como faço um estorno para um cliente?"),
        ("fees", "what are the fees for credit card sales?", "quais são as taxas do crédito?"),
        ("invoice", "I need an invoice for my purchase", "preciso da nota fiscal da minha compra"),
    ]

    static let greetings = ["en": ["", "", "Hi! ", "Hello, ", "Good morning! ", "Good afternoon. ", "hey "],
        "pt-BR": ["", "", "Oi! ", "Olá, ", "Bom dia! ", "Boa tarde. ", "oi "]]
    static let closings = ["en": ["", "", " Thanks.", " Please help!", " thank you", " I need this solved today."],
        "pt-BR": ["", "", " Obrigado.", " Me ajudem por favor!", " obrigada", " Preciso resolver isso hoje."]]
    static let preambles = ["en": ["hello?", "hi, is anyone there?"], "pt-BR": ["oi", "alguém aí?"]]

    /// What the client writes after the first reply, by intent and language.
    static let followUps: [ConversationTruth.Intent: [String: [String]]] = [
        .logistics: ["en": ["thanks, and when will it arrive?", "ok, thank you. Can someone else sign for it?"],
            "pt-BR": ["obrigado, e quando chega?", "ok, obrigada. outra pessoa pode receber?"]],
        .telecom: ["en": ["thanks. Is there anything I can do meanwhile to get it working?"],
            "pt-BR": ["obrigado. tem algo que eu possa fazer enquanto isso?"]],
        .receipt: ["en": ["thanks, and when will the money be in my account?"],
            "pt-BR": ["obrigada, e quando o dinheiro cai na conta?"]],
        .unknown: ["en": ["ok, thanks. Can someone call me?"], "pt-BR": ["ok, obrigado. alguém pode me ligar?"]],
    ]
}
