x = "abc".nope()  ### "'str' object has no attribute 'nope'"
