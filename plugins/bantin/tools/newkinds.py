"""The kinds of item `bantin new` writes, and the folder of content/ each goes to.

Apart from tools/newcontent.py so that the command's parser (cli/commands.py), which lists them
as the choices of `bantin new`, does not import the content model, PIL and YAML for every
`bantin` command (0.2 s of CPU each, before a subcommand that needs none of them).
"""

FOLDERS = {"article": "tin-tuc", "qa": "hoi-dap", "guide": "huong-dan"}
