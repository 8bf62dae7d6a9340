enum AutoResponderCorePlaceholder {}
