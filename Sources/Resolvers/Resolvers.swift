enum ResolversPlaceholder {}
