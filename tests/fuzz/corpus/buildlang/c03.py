class Foo:  ### "'class' definitions are not supported"
    pass
