x = [1]
del x  ### "'del' statements are not supported"
