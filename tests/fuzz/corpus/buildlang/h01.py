x = []
for i in range(200000):
    x = [x]
print(len(repr(x)), x == [x])
