async def f():  ### "'async' and 'await' are not supported"
    pass
