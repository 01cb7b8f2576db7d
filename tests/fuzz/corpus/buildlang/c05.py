try:  ### "'try' statements are not supported"
    pass
except:
    pass
