// Loupe module. Its files arrive with the work that builds it.
import LoupeCore
