print("chatham")
