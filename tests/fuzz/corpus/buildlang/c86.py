def f(a, b=2, *args, c, **kw):
    return [a, b, args, c, kw]
print(f(1, c=3))

