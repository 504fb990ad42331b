print("cleaned")
