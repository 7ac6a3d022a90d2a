enum TemplatingPlaceholder {}
