"""Steps a person takes, shared by the browser tests."""


def sign_in(page, email: str, password: str = "demo-password") -> None:
    """Sign in through the form as a person would."""
    page.goto("/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#sign-in")
