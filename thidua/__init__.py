"""Thi Đua — phong trào thi đua, khen thưởng."""
