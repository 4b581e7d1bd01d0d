public enum ArticleIndexPlaceholder {}
