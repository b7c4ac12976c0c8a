"""NHS number modulus-11 check (domain.md section 8)."""

import pytest

from jlc_frappe.rules.nhs_number import format_nhs_number, is_valid_nhs_number, normalise_nhs_number


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "943-476-5919", " 9434765919 "])
def test_known_valid(value: str) -> None:
	# 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 % 11 = 2; 11 - 2 = 9 = last digit.
	assert is_valid_nhs_number(value)


def test_wrong_check_digit() -> None:
	assert not is_valid_nhs_number("9434765918")


def test_check_computes_to_ten_is_invalid() -> None:
	# 1*10 + 1*2 = 12; 12 % 11 = 1; 11 - 1 = 10 -> no valid check digit exists for 100000001x.
	for last in range(10):
		assert not is_valid_nhs_number(f"100000001{last}")


def test_check_eleven_becomes_zero() -> None:
	# 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+0*2 = 297 = 27*11; 11 - 0 = 11 -> check digit 0.
	assert is_valid_nhs_number("9434765900")
	assert not is_valid_nhs_number("9434765901")


@pytest.mark.parametrize("value", ["", "943476591", "94347659190", "94347659l9", "９４３４７６５９１９"])
def test_malformed(value: str) -> None:
	assert not is_valid_nhs_number(value)


def test_normalise_and_format() -> None:
	assert normalise_nhs_number(" 943-476 5919 ") == "9434765919"
	assert format_nhs_number("9434765919") == "943 476 5919"
	assert format_nhs_number("943-476-5919") == "943 476 5919"
	assert format_nhs_number(" 12345 ") == "12345"
