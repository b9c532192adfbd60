/// A language the generator writes: archive codes, words and how names look in it.
struct Language: Sendable {
    /// `tweet_language` code.
    let tweetCode: String
    /// `account_language` spellings, mixed case as in real releases (weights implied by repetition).
    let accountCodes: [String]
    /// Everyday words; CJK languages join words without spaces.
    let words: [String]
    /// Political / narrative words used by campaigns (and by news followers, as hard negatives).
    let narrative: [String]
    let givenNames: [String]
    let familyNames: [String]
    let joinsWithoutSpaces: Bool
}

/// Word lists and code tables. Small on purpose: texts only need realistic shape (length, scripts,
/// duplication, hashtags), not meaning.
enum Vocabulary {
    static let english = Language(
        tweetCode: "en", accountCodes: ["en", "en", "en", "en", "en-gb", "en-GB"],
        words: ["the", "a", "today", "really", "just", "my", "new", "love", "game", "coffee", "morning", "work", "week",
                "great", "time", "people", "watch", "music", "night", "good", "day", "home", "city", "weather", "team",
                "happy", "finally", "this", "is", "so", "can't", "believe", "what", "weekend", "lunch", "train", "late",
                "friends", "movie", "book", "season", "win", "rain", "best", "ever", "again", "tonight", "thanks"],
        narrative: ["truth", "media", "lies", "government", "protest", "riots", "violence", "police", "stability",
                    "foreign", "interference", "freedom", "justice", "economy", "corruption", "elections", "western",
                    "patriots", "peace", "security", "order", "propaganda", "exposed", "traitors"],
        givenNames: ["James", "Mary", "John", "Linda", "Michael", "Sarah", "David", "Emma", "Chris", "Olivia", "Daniel",
                     "Grace", "Kevin", "Laura", "Brian", "Megan", "Ryan", "Jessica", "Mark", "Hannah"],
        familyNames: ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis", "Walker",
                      "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter"],
        joinsWithoutSpaces: false)

    static let chinese = Language(
        tweetCode: "zh", accountCodes: ["zh-cn", "zh-cn", "zh-cn", "zh-cn", "zh-CN", "zh-tw"],
        words: ["今天", "天气", "很好", "我们", "朋友", "吃饭", "工作", "周末", "电影", "音乐", "喜欢", "真的", "早上",
                "晚上", "回家", "咖啡", "城市", "生活", "开心", "学习", "下雨", "手机", "新闻", "大家", "一起", "时间"],
        narrative: ["香港", "暴徒", "真相", "稳定", "繁荣", "法治", "警察", "外国势力", "干预", "和平", "秩序", "祖国",
                    "支持", "反对", "暴力", "媒体", "谎言", "安全", "团结", "发展"],
        givenNames: ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明"],
        familyNames: ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "林"],
        joinsWithoutSpaces: true)

    static let russian = Language(
        tweetCode: "ru", accountCodes: ["ru"],
        words: ["сегодня", "очень", "хорошо", "друзья", "работа", "погода", "утро", "вечер", "кофе", "музыка", "дома",
                "город", "новый", "день", "люди", "время", "выходные", "фильм", "спасибо", "снова", "лучший", "игра"],
        narrative: ["правда", "ложь", "Запад", "санкции", "выборы", "порядок", "мир", "стабильность", "протест",
                    "власть", "народ", "пропаганда", "безопасность", "коррупция", "свобода", "враги"],
        givenNames: ["Алексей", "Мария", "Иван", "Ольга", "Дмитрий", "Анна", "Сергей", "Елена", "Андрей", "Наталья"],
        familyNames: ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова"],
        joinsWithoutSpaces: false)

    static let spanish = Language(
        tweetCode: "es", accountCodes: ["es", "es", "es-MX"],
        words: ["hoy", "muy", "bueno", "amigos", "trabajo", "tiempo", "mañana", "noche", "café", "música", "casa",
                "ciudad", "nuevo", "día", "gente", "fin", "semana", "película", "gracias", "otra", "vez", "partido"],
        narrative: ["verdad", "mentiras", "gobierno", "pueblo", "soberanía", "imperio", "bloqueo", "paz", "golpe",
                    "patria", "medios", "corrupción", "elecciones", "justicia", "libertad", "sanciones"],
        givenNames: ["José", "María", "Luis", "Carmen", "Carlos", "Ana", "Jorge", "Lucía", "Pedro", "Sofía"],
        familyNames: ["García", "Rodríguez", "Martínez", "López", "González", "Pérez", "Sánchez", "Ramírez"],
        joinsWithoutSpaces: false)

    static let japanese = Language(
        tweetCode: "ja", accountCodes: ["ja"],
        words: ["今日", "天気", "いい", "友達", "仕事", "週末", "映画", "音楽", "好き", "本当", "朝", "夜", "帰る",
                "コーヒー", "ラーメン", "電車", "疲れた", "楽しい", "ありがとう", "また"],
        narrative: ["真実", "政府", "メディア", "平和", "安全", "経済", "選挙", "外国", "批判", "支持"],
        givenNames: ["翔太", "さくら", "大輔", "陽子", "健", "美咲", "拓也", "愛"],
        familyNames: ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"],
        joinsWithoutSpaces: true)

    static let arabic = Language(
        tweetCode: "ar", accountCodes: ["ar"],
        words: ["اليوم", "جميل", "الله", "صباح", "الخير", "مساء", "العمل", "أصدقاء", "قهوة", "البيت", "مدينة",
                "جديد", "يوم", "الناس", "شكرا", "مباراة", "الجمعة"],
        narrative: ["الحقيقة", "الإعلام", "الأكاذيب", "الحكومة", "الأمن", "الاستقرار", "الإرهاب", "الوطن", "العدالة",
                    "الشعب", "المؤامرة", "السلام"],
        givenNames: ["محمد", "أحمد", "فاطمة", "علي", "نورة", "خالد", "سارة", "عمر"],
        familyNames: ["العتيبي", "القحطاني", "الحربي", "الشمري", "المصري", "حسن"],
        joinsWithoutSpaces: false)

    static let french = Language(
        tweetCode: "fr", accountCodes: ["fr"],
        words: ["aujourd'hui", "très", "bien", "amis", "travail", "temps", "matin", "soir", "café", "musique",
                "maison", "ville", "nouveau", "jour", "gens", "week-end", "film", "merci", "encore", "match"],
        narrative: ["vérité", "médias", "mensonges", "gouvernement", "peuple", "manifestation", "violence", "police",
                    "liberté", "justice", "élections", "ingérence"],
        givenNames: ["Pierre", "Marie", "Julien", "Camille", "Nicolas", "Léa", "Thomas", "Chloé"],
        familyNames: ["Martin", "Bernard", "Dubois", "Durand", "Leroy", "Moreau", "Simon", "Laurent"],
        joinsWithoutSpaces: false)

    static let portuguese = Language(
        tweetCode: "pt", accountCodes: ["pt"],
        words: ["hoje", "muito", "bom", "amigos", "trabalho", "tempo", "manhã", "noite", "café", "música", "casa",
                "cidade", "novo", "dia", "gente", "fim", "semana", "filme", "obrigado", "jogo"],
        narrative: ["verdade", "mentiras", "governo", "povo", "eleições", "corrupção", "mídia", "justiça", "liberdade",
                    "segurança"],
        givenNames: ["João", "Ana", "Pedro", "Juliana", "Lucas", "Mariana", "Gabriel", "Beatriz"],
        familyNames: ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Almeida"],
        joinsWithoutSpaces: false)

    /// Index order used by regions and campaign recipes.
    static let languages = [english, chinese, russian, spanish, japanese, arabic, french, portuguese]
    static let englishIndex = 0, chineseIndex = 1, russianIndex = 2, spanishIndex = 3, japaneseIndex = 4
    static let arabicIndex = 5, frenchIndex = 6, portugueseIndex = 7

    /// Official Twitter clients (the set analysts treat as "human" apps).
    static let mobileClients = ["Twitter for iPhone", "Twitter for Android", "Twitter Web App", "Twitter for iPad",
                                "Twitter Web Client", "Twitter Lite", "Mobile Web (M2)"]
    static let mobileClientWeights = [0.42, 0.33, 0.09, 0.05, 0.07, 0.02, 0.02]
    /// Third-party apps real people use (non-official but organic: a hard case for client features).
    static let personalApps = ["Instagram", "Tweetbot for iΟS", "Echofon", "Facebook", "Twitterrific for iOS"]
    /// Scheduling and social-media-management tools used by newsrooms and brands.
    static let schedulers = ["dlvr.it", "IFTTT", "Buffer", "Hootsuite Inc.", "SocialFlow", "Sprout Social",
                             "WordPress.com", "Echobox Social"]
    static let powerClients = ["TweetDeck", "Twitter Web App", "Twitter for iPhone", "Twitter for Android"]
    /// Automation apps seen in takedowns; campaigns also get made-up app names.
    static let automationClients = ["twittbot.net", "Twitter Web Client", "SocialOomph", "TweetAdder", "Botize",
                                    "IFTTT", "Crowdfire - Go Big"]
    static let appNameParts = ["Sun", "Cloud", "Star", "Wave", "Pro", "Link", "Tweet", "Post", "Auto", "Smart", "Net",
                               "Sky", "Blue", "Fast", "One"]

    static let organicHashtags = ["NowPlaying", "MondayMotivation", "tbt", "WorldCup", "NBA", "photography", "food",
                                  "travel", "music", "news", "Brexit", "AI", "GameOfThrones", "FridayFeeling", "love",
                                  "香港", "东京", "Москва", "fútbol", "BBB19", "Ramadan"]
    static let newsDomains = ["nytimes.com", "bbc.co.uk", "reuters.com", "scmp.com", "lemonde.fr", "elpais.com",
                              "rt.com", "aljazeera.com", "nhk.or.jp", "globo.com", "cnn.com", "theguardian.com"]
    static let personalDomains = ["youtube.com", "instagram.com", "open.spotify.com", "medium.com", "github.com",
                                  "facebook.com"]
    static let domainWords = ["daily", "truth", "news", "report", "world", "voice", "today", "herald", "post", "view",
                              "front", "insight", "free", "global", "people"]
    static let themes = ["harbor", "lantern", "steppe", "falcon", "delta", "mirror", "orchard", "compass", "ember",
                         "glacier", "meridian", "quarry", "saffron", "tundra", "willow", "zephyr", "basalt", "cobalt",
                         "dune", "fjord", "garnet", "heron", "indigo", "juniper"]
    static let descriptions = ["Coffee lover. Dog person.", "Dad, runner, engineer", "Opinions are my own",
                               "Music / travel / food", "Student", "Writer. Reader. Dreamer.", "Living my best life",
                               "Football fan", "Photographer", "Nurse and mum of two", "Tech, games, anime",
                               "生活记录", "热爱生活", "Люблю жизнь", "Vive y deja vivir", "Amo música",
                               "写真とカフェ", "Journalist", "Teacher"]
    static let outletWords = ["Daily", "Times", "Herald", "News", "Post", "Report", "Tribune", "Wire", "Today", "Live"]
    static let brandWords = ["Coffee", "Shoes", "Air", "Bank", "Mobile", "Foods", "Games", "Travel", "Beauty", "Motors"]
    /// Emoji injected as dirt (all in U+1F300...U+1FAFF).
    static let emoji = ["😀", "🔥", "🙏", "👍", "🎉", "💯", "😂", "🌏", "📢", "🤔"]
}

/// Where an account lives: a fixed UTC offset (daylight saving ignored), its languages and cities.
struct Region: Sendable {
    let offsetMinutes: Int
    /// (language index, weight)
    let languages: [(Int, Double)]
    let cities: [String]
    /// Share of the organic population living here.
    let weight: Double

    static let all: [Region] = [
        Region(offsetMinutes: -300, languages: [(0, 0.85), (3, 0.15)],
               cities: ["New York, NY", "Boston, MA", "Atlanta, GA", "Washington, DC", "Miami, FL", "Toronto, Ontario"], weight: 0.19),
        Region(offsetMinutes: -480, languages: [(0, 0.8), (3, 0.2)],
               cities: ["Los Angeles, CA", "San Francisco, CA", "Seattle, WA", "Portland, OR"], weight: 0.09),
        Region(offsetMinutes: 0, languages: [(0, 1.0)], cities: ["London, England", "Manchester", "Dublin, Ireland", "UK"], weight: 0.09),
        Region(offsetMinutes: 60, languages: [(6, 0.4), (3, 0.25), (0, 0.35)],
               cities: ["Paris, France", "Madrid, España", "Berlin, Deutschland", "Bruxelles"], weight: 0.09),
        Region(offsetMinutes: 180, languages: [(2, 0.85), (0, 0.15)], cities: ["Москва", "Санкт-Петербург", "Moscow, Russia"], weight: 0.07),
        Region(offsetMinutes: 180, languages: [(5, 0.8), (0, 0.2)], cities: ["الرياض", "Dubai", "Jeddah", "Cairo, Egypt"], weight: 0.06),
        Region(offsetMinutes: 330, languages: [(0, 1.0)], cities: ["Mumbai", "New Delhi, India", "Bangalore"], weight: 0.08),
        Region(offsetMinutes: 480, languages: [(1, 0.75), (0, 0.25)], cities: ["香港", "Hong Kong", "台北", "Taipei", "Singapore", "北京"], weight: 0.13),
        Region(offsetMinutes: 540, languages: [(4, 0.9), (0, 0.1)], cities: ["東京", "Tokyo", "大阪"], weight: 0.07),
        Region(offsetMinutes: -180, languages: [(7, 0.9), (0, 0.1)], cities: ["São Paulo", "Rio de Janeiro", "Brasil"], weight: 0.06),
        Region(offsetMinutes: -300, languages: [(3, 0.95), (0, 0.05)], cities: ["Ciudad de México", "Bogotá", "Lima, Perú"], weight: 0.06),
    ]
}

/// A state operator behind a campaign: the office time zone and the languages its accounts use.
struct Operator: Sendable {
    let code: String
    let offsetMinutes: Int
    /// (language index, weight) for posts.
    let languages: [(Int, Double)]

    static let all: [Operator] = [
        Operator(code: "cn", offsetMinutes: 480, languages: [(1, 0.7), (0, 0.3)]),
        Operator(code: "ru", offsetMinutes: 180, languages: [(0, 0.55), (2, 0.45)]),
        Operator(code: "ir", offsetMinutes: 210, languages: [(0, 0.5), (5, 0.3), (6, 0.2)]),
        Operator(code: "sa", offsetMinutes: 180, languages: [(5, 0.8), (0, 0.2)]),
        Operator(code: "ve", offsetMinutes: -240, languages: [(3, 0.85), (0, 0.15)]),
        Operator(code: "eg", offsetMinutes: 120, languages: [(5, 0.75), (0, 0.25)]),
        Operator(code: "th", offsetMinutes: 420, languages: [(0, 0.7), (1, 0.3)]),
        Operator(code: "rs", offsetMinutes: 60, languages: [(0, 0.4), (3, 0.3), (6, 0.3)]),
    ]
}
