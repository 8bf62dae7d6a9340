enum AutoResponderServicePlaceholder {}
