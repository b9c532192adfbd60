#!/usr/bin/env python3
"""Reference numbers for the real-users-file test in Tests/BotSiftTests/Ingest/RealUsersFileTests.swift,
computed with pandas from /work/shared/data/china_082019_1_users_csv_hashed.csv (never copied into the repo).

    python3 Scripts/reference/ingest_users_reference.py [path]
"""
import sys

import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/china_082019_1_users_csv_hashed.csv"
users = pd.read_csv(path, dtype=str, keep_default_na=False)
print("accounts", len(users))
print("languages (lower-cased)", users.account_language.str.lower().value_counts().to_dict())
print("hashed userids", int((~users.userid.str.fullmatch(r"[0-9]+")).sum()))
print("follower_count sum", users.follower_count.astype(int).sum())
print("following_count sum", users.following_count.astype(int).sum())
print("non-empty descriptions", int((users.user_profile_description != "").sum()))
print("multi-line descriptions", int(users.user_profile_description.str.contains("\n").sum()))
print("description UTF-8 bytes", sum(len(text.encode()) for text in users.user_profile_description))
print("creation dates", users.account_creation_date.min(), users.account_creation_date.max())
