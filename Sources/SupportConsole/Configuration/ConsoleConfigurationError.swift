/// A console setting is missing or malformed. Never holds a secret: messages name the variable and
/// what is wrong, not the value.
public struct ConsoleConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The environment variable at fault.
    public let variable: String
    /// What is wrong and what to do.
    public let message: String

    /// An error about `variable`.
    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    /// A one-line explanation for the operator.
    public var description: String { "configuration: \(variable) \(message)" }
}
