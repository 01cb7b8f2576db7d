t = (1,)
for i in range(30):
    t = (t, t)
s = {t, 1, 2, 3, 4, 5, 6, 7, 8, 9}
print(sorted([[1, [2]], [1, [1]]]), '{:>10}'.format('x'), '%-5s|' % 'y', 'a'.center(9, '*'))
