"""NHS number checks: 10 digits, the last a modulus-11 check digit (NHS Data Dictionary)."""

from __future__ import annotations

_LENGTH = 10
_WEIGHTS = range(10, 1, -1)  # weights 10..2 applied to the first nine digits


def normalise_nhs_number(value: str) -> str:
	"""Strip surrounding whitespace, inner spaces and hyphens."""
	return value.strip().replace(" ", "").replace("-", "")


def _check_digit(first_nine: str) -> int | None:
	"""Modulus-11 check digit for nine digits; ``None`` when it computes to 10 (number invalid)."""
	total = sum(int(digit) * weight for digit, weight in zip(first_nine, _WEIGHTS, strict=True))
	check = 11 - total % 11
	if check == 11:
		return 0
	if check == 10:
		return None
	return check


def _is_ten_ascii_digits(value: str) -> bool:
	return len(value) == _LENGTH and value.isascii() and value.isdigit()


def is_valid_nhs_number(value: str) -> bool:
	"""True when ``value`` (after normalising) is 10 digits with a correct modulus-11 check digit."""
	number = normalise_nhs_number(value)
	if not _is_ten_ascii_digits(number):
		return False
	check = _check_digit(number[:9])
	return check is not None and check == int(number[9])


def format_nhs_number(value: str) -> str:
	"""Format as "943 476 5919" (3-3-4); values that are not 10 digits are returned stripped but unchanged."""
	number = normalise_nhs_number(value)
	if not _is_ten_ascii_digits(number):
		return value.strip()
	return f"{number[:3]} {number[3:6]} {number[6:]}"
