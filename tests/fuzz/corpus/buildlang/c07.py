def f():
    global x  ### "'global' statements are not supported"
