x = [i * j for i in range(3) for j in range(i) if j]
d = {k: v for k, v in zip("ab", x)}

