enum APISimulatorPlaceholder {}
