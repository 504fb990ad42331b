print("seeded")
