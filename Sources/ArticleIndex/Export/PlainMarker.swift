/// The marker that stands for a match in plain-text formats (CSV): `**word**`.
public enum PlainMarker {
    public static let open = "**", close = "**"
}
