SHARED.append(1)

