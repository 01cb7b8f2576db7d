with x:  ### "'with' statements are not supported"
    pass
