import AutoResponderCore
import MaintenanceResolver

extension ResolverRegistry {
    /// The built-in resolvers: `logistics`, `telecom`, `receipt`, `maintenance` and `handoff`.
    public static var standard: ResolverRegistry {
        var registry = ResolverRegistry()
        registry.register(LogisticsResolver.self)
        registry.register(TelecomResolver.self)
        registry.register(ReceiptResolver.self)
        registry.register(MaintenanceResolver.self)
        registry.register(HandOffResolver.self)
        return registry
    }
}
