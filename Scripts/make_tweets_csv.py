#!/usr/bin/env python3
"""Write a tweets file shaped like a Twitter information-operations release, for the ingest benchmark.

All 30 columns, every field double-quoted (as Twitter publishes them), texts with commas, doubled quotes,
embedded newlines, CJK and emoji, hashed (base64) and numeric userids, bracketed hashtag/url/mention lists.
Deterministic for a given --seed.

    Scripts/make_tweets_csv.py --rows 475000 --out /tmp/tweets_200mb.csv
"""
import argparse
import base64
import csv
import hashlib
import random

COLUMNS = [
    "tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location",
    "user_profile_description", "user_profile_url", "follower_count", "following_count",
    "account_creation_date", "account_language", "tweet_language", "tweet_text", "tweet_time",
    "tweet_client_name", "in_reply_to_userid", "in_reply_to_tweetid", "quoted_tweet_tweetid", "is_retweet",
    "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count", "reply_count", "like_count",
    "retweet_count", "hashtags", "urls", "user_mentions",
]

WORDS = ["香港", "警察", "暴徒", "示威", "自由", "民主", "the", "police", "protest", "Hong", "Kong", "riot",
         "freedom", "news", "today", "中国", "政府", "支持", "反对", "😡", "🇨🇳", "👍", "\"quoted\"", "a,b", "and"]
TAGS = ["HongKong", "香港", "antiELAB", "StandWithHK", "China", "反送中"]
CLIENTS = ["Twitter Web Client", "Twitter for iPhone", "Twitter for Android", "TweetDeck", "Buffer", "IFTTT"]
LANGS = ["zh", "en", "und", "zh-cn", "ZH", "ja"]


def make_accounts(rng, count):
    accounts = []
    for i in range(count):
        if rng.random() < 0.7:
            uid = base64.b64encode(hashlib.sha256(f"user{i}".encode()).digest()).decode()
            name = screen = uid
        else:
            uid = str(rng.randrange(10**8, 10**19))
            name = rng.choice(["新闻", "George", "夜幕之光", "Christinz 🤦‍♀️"]) + str(i)
            screen = f"user{i}"
        desc = rng.choice(["", "cool", "本推特只是追蹤新聞，謝謝關注。", "line one\nline two, with comma",
                           "He said \"hi\""])
        accounts.append([uid, name, screen, rng.choice(["", "Hong Kong", "California, USA"]), desc, "",
                         str(rng.randrange(0, 30000)), str(rng.randrange(0, 500)),
                         f"20{rng.randrange(9, 19):02d}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                         rng.choice(["zh-cn", "zh-CN", "en", "ru"])])
    return accounts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=475_000)
    parser.add_argument("--accounts", type=int, default=5_000)
    parser.add_argument("--amplified", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    accounts = make_accounts(rng, args.accounts)
    # Campaigns amplify a bounded set of accounts: retweets point into a pool, not at fresh ids.
    amplified = [str(rng.randrange(10**8, 10**18)) for _ in range(args.amplified)]
    with open(args.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in range(args.rows):
            account = accounts[rng.randrange(len(accounts))]
            words = [rng.choice(WORDS) for _ in range(rng.randrange(5, 30))]
            if rng.random() < 0.2:
                words.insert(rng.randrange(len(words)), "\n")
            tags = rng.sample(TAGS, rng.randrange(0, 3))
            text = " ".join(words + ["#" + t for t in tags])
            if rng.random() < 0.4:
                text += " https://t.co/" + hashlib.md5(str(row).encode()).hexdigest()[:10]
            retweet = rng.random() < 0.3
            mentions = [str(rng.randrange(10**8, 10**18))] if rng.random() < 0.3 else []
            urls = ["https://example.com/" + str(row)] if rng.random() < 0.2 else []
            time = (f"2019-{rng.randrange(6, 9):02d}-{rng.randrange(1, 29):02d} "
                    f"{rng.randrange(24):02d}:{rng.randrange(60):02d}")
            writer.writerow([str(10**18 + row)] + account + [
                rng.choice(LANGS), ("RT @someone: " if retweet else "") + text, time, rng.choice(CLIENTS),
                "", "", "", "True" if retweet else "False",
                rng.choice(amplified) if retweet else "", str(10**18 + row // 2) if retweet else "",
                "", "", "0", str(rng.randrange(5)), str(rng.randrange(50)), str(rng.randrange(20)),
                "[" + ", ".join(tags) + "]" if tags else "", "[" + ", ".join(urls) + "]" if urls else "",
                "[" + ", ".join(mentions) + "]" if mentions else "",
            ])


if __name__ == "__main__":
    main()
