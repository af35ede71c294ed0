"""The only package that imports MkDocs or Material: it translates MkDocs' events into calls
to the engine-free packages and renders pages through MkDocs.
"""
