if True:
    for i in range(3):
        if i:
            continue
        break
else_ = 1

