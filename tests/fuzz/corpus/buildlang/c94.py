x = """multi
line""" + r"\n" + '\x41'

