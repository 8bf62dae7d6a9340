/// The product's version, printed by `--version` of every executable. Raised with each release.
public enum AutoResponderVersion {
    /// Semantic version of this source tree.
    public static let current = "0.5.0"
}
