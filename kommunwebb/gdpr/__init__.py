"""Rights tools in the admin: find, export and erase what is stored about one person."""
