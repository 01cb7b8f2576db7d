h = 'ab' * 1000
n = 'ab' * 300 + 'c'
print(h.find(n), h.rfind(n), h.count('ab'), n in h, h.replace('ba', 'x')[:5], h.split('bab')[:2], h.rsplit('a', 2), h.partition('ba'), h.strip('ba'))
