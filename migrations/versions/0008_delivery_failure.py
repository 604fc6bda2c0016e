"""delivery failure reason in the line's own words

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 20:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Twilio codes the earlier rows carry, and the reason each stands for.
_REASONS = {21610: "opted_out", 21211: "invalid", 21614: "landline"}


def upgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failure', sa.String(length=16), nullable=True))
    for code, reason in _REASONS.items():
        op.execute(
            f"UPDATE deliveries SET failure = '{reason}' WHERE state = 'failed' AND error_code = {code}"
        )


def downgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_column('failure')
