/// botsift's release version, written into every model file.
public enum BotSiftVersion {
    public static let current = "0.1.0"
}
