import BotSift
